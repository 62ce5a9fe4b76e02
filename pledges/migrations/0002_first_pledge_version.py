from django.db import migrations

INTRODUCTION = (
    "Our store joins the jewelers of this network in standing together against crime. "
    "As a Partner for Protection, we pledge to:"
)
COMMITMENTS = [
    {
        "key": "awareness",
        "text": "Raise awareness of crime against jewelers among our staff, our neighbours "
        "and the jewelry community.",
    },
    {
        "key": "safety_first",
        "text": "Make safety the top priority for ourselves, our staff and our customers: "
        "people before merchandise, always.",
    },
    {
        "key": "log_incidents",
        "text": "Log every suspicious incident in our store's logbook, promptly and in detail.",
    },
    {
        "key": "share",
        "text": "Share incidents with the stores of our network and with law enforcement, "
        "within minutes when it matters.",
    },
    {
        "key": "train_staff",
        "text": "Train our staff in the prevention practices for smash-and-grab robberies, "
        "burglaries and distraction thefts.",
    },
]
DATA_TERMS = (
    "What we share in this network (incidents, descriptions of suspects and vehicles, our "
    "store's contact details) is used only to prevent and investigate crime. It is seen by the "
    "network's member stores, its coordinators and its law-enforcement partners; it is never "
    "sold or published. We may withdraw our pledge at any time; incidents already shared stay "
    "with the network and the police who rely on them."
)


def first_version(apps, schema_editor):
    PledgeVersion = apps.get_model("pledges", "PledgeVersion")
    if not PledgeVersion.objects.exists():
        PledgeVersion.objects.create(
            number=1, introduction=INTRODUCTION, commitments=COMMITMENTS, data_terms=DATA_TERMS
        )


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [
        # The hint lets networks.routers keep this in network schemas (and the template).
        migrations.RunPython(
            first_version, migrations.RunPython.noop, hints={"model_name": "pledgeversion"}
        ),
    ]
