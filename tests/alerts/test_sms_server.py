"""The local Twilio Messages API speaks like Twilio to Twilio's own SDK."""

from __future__ import annotations

import re
import time

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from tests.alerts.sms_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, SmsApi


def sdk_client(api: SmsApi, *, timeout: float = 5.0) -> Client:
    client = Client(ACCOUNT_SID, AUTH_TOKEN, http_client=TwilioHttpClient(timeout=timeout))
    client.api.base_url = api.url
    return client


def test_sdk_message_is_accepted_recorded_and_answered_like_twilio(sms_api: SmsApi) -> None:
    message = sdk_client(sms_api).messages.create(to="+15551230001", from_=FROM_NUMBER, body="Hi")

    assert re.fullmatch(r"SM[0-9a-f]{32}", message.sid)
    assert message.status == "queued"
    assert (message.to, message.from_, message.body) == ("+15551230001", FROM_NUMBER, "Hi")
    [recorded] = sms_api.messages
    assert recorded.sid == message.sid
    assert abs(recorded.received_at - time.time()) < 5


def test_invalid_to_is_refused_with_twilios_error_code(sms_api: SmsApi) -> None:
    with pytest.raises(TwilioRestException) as refused:
        sdk_client(sms_api).messages.create(to="555-not-a-number", from_=FROM_NUMBER, body="Hi")

    assert (refused.value.status, refused.value.code) == (400, 21211)
    assert sms_api.messages == []


def test_wrong_token_is_refused(sms_api: SmsApi) -> None:
    response = requests.post(
        f"{sms_api.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json",
        data={"To": "+15551230001", "From": FROM_NUMBER, "Body": "Hi"},
        auth=(ACCOUNT_SID, "wrong"),
        timeout=5,
    )

    assert response.status_code == 401
    assert response.json()["code"] == 20003


@pytest.mark.parametrize(("mode", "status", "code"), [("500", 500, 20500), ("429", 429, 20429)])
def test_failing_for_a_while_then_recovering(
    sms_api: SmsApi, mode: str, status: int, code: int
) -> None:
    client = sdk_client(sms_api)
    sms_api.fail(mode, seconds=0.5)
    with pytest.raises(TwilioRestException) as failed:
        client.messages.create(to="+15551230001", from_=FROM_NUMBER, body="Hi")
    assert (failed.value.status, failed.value.code) == (status, code)

    time.sleep(0.6)
    client.messages.create(to="+15551230001", from_=FROM_NUMBER, body="Hi")
    assert [a.outcome for a in sms_api.attempts] == [mode, "201"]


def test_timeout_holds_the_request_past_the_clients_patience(sms_api: SmsApi) -> None:
    sms_api.fail("timeout")
    started = time.monotonic()
    with pytest.raises(Exception, match=r"(?i)timed out|timeout"):
        sdk_client(sms_api, timeout=0.5).messages.create(
            to="+15551230001", from_=FROM_NUMBER, body="Hi"
        )
    assert time.monotonic() - started < 3
    sms_api.recover()
    sdk_client(sms_api).messages.create(to="+15551230001", from_=FROM_NUMBER, body="Hi")
    assert len(sms_api.messages) == 1


def test_refuse_stops_listening_until_recovered(sms_api: SmsApi) -> None:
    sms_api.fail("refuse")
    with pytest.raises(requests.ConnectionError):
        requests.post(sms_api.url, timeout=2)
    sms_api.recover()
    sdk_client(sms_api).messages.create(to="+15551230001", from_=FROM_NUMBER, body="Hi")
    assert sms_api.count_by_to() == {"+15551230001": 1}
