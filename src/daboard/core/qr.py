"""A QR code as a data: URI (the authenticator app's enrolment link), drawn in memory."""

from __future__ import annotations

import base64
import io


def qr_data_uri(text: str) -> str:
    import qrcode

    img = qrcode.make(text, box_size=6, border=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
