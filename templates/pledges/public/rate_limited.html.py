BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Too many attempts')  X  gettext(u'Partner for Protection') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
    XXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Error 429') XXXXXXX
    XXXX gettext(u'Too many attempts') XXXXX
    XX XXXXXXXXXXXXX gettext(u'We received a lot of requests from your connection in a short time. Please wait a few minutes, then try again.') XXXX
    XXXX XXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to the home page') XXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
