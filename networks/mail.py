"""Mail from the portal: a subject and a plain-text body rendered from templates/emails/, in
the recipient network's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def one_line(text: str) -> str:
    """Names end up in subjects, where a line break would break the mail's headers."""
    return " ".join(text.split())


def mail_send(*, template: str, context: dict[str, object], to: list[str], language: str) -> None:
    """emails/<template>_subject.txt and emails/<template>.txt, rendered in `language`."""
    with translation.override(language):
        subject = one_line(render_to_string(f"emails/{template}_subject.txt", context))
        body = render_to_string(f"emails/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
