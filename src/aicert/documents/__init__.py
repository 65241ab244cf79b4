"""Printable documents (admission tickets, score reports, certificates): PDF and QR building blocks.

Not a Django app: no models. Each bounded context lays out its own document; this package only
knows how to make a PDF whose Traditional Chinese text renders anywhere (an embedded font subset)
and how to draw a QR code.
"""
