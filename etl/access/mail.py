"""E-mail through the mail server the RB_SMTP_* settings name: one connection per run, encrypted
by STARTTLS or SSL (or not, for a relay on the private network), a login when a user is set.
Whatever goes wrong is a MailError in both languages, never a traceback."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from etl.core import settings
from etl.core.issues import CodedError

TIMEOUT = 30  # seconds for the connection and each command: a hung server ends the run
TLS_MODES = ("starttls", "ssl", "none")

# Sends one message; returns the recipients the server refused, each with the server's words
# (empty when all were taken).
Send = Callable[[EmailMessage], dict[str, str]]


class MailError(CodedError):
    """No mail server is set, it cannot be reached, it refused the login or every recipient."""


def sender() -> str:
    found = settings.get("RB_SMTP_FROM").strip()
    if not settings.get("RB_SMTP_HOST").strip() or not found:
        raise MailError("mail_not_configured")
    return found


def _server() -> str:
    return f"{settings.get('RB_SMTP_HOST')}:{settings.get('RB_SMTP_PORT')}"


@contextmanager
def connection() -> Iterator[Send]:
    """An open, logged-in connection to the mail server for the `with` block."""
    sender()  # refuse early when the settings are missing
    host, port = settings.get("RB_SMTP_HOST").strip(), settings.get("RB_SMTP_PORT")
    tls = settings.get("RB_SMTP_TLS").strip().lower()
    if tls not in TLS_MODES:
        raise MailError("mail_unreachable", server=_server(), reason=f"RB_SMTP_TLS={tls}?")
    try:
        if tls == "ssl":
            smtp = smtplib.SMTP_SSL(
                host, port, timeout=TIMEOUT, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(host, port, timeout=TIMEOUT)
        if tls == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        if settings.get("RB_SMTP_USER"):
            smtp.login(settings.get("RB_SMTP_USER"), settings.get("RB_SMTP_PASSWORD"))
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError("mail_unreachable", server=_server(), reason=_reason(exc)) from None
    try:
        yield lambda message: _send(smtp, message)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()  # the server went away: nothing left to say to it


def _send(smtp: smtplib.SMTP, message: EmailMessage) -> dict[str, str]:
    try:
        refused = smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError("mail_unreachable", server=_server(), reason=_reason(exc)) from None
    return {who: _words(code, text) for who, (code, text) in refused.items()}


def _reason(exc: Exception) -> str:
    """The server's or the system's words, without the password (smtplib never repeats it)."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return _words(exc.smtp_code, exc.smtp_error)
    return str(exc) or type(exc).__name__


def _words(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}".strip()
