BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Access denied')  X  gettext(u'Partner for Protection') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
    XXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Error 403') XXXXXXX
    XXXX gettext(u"You can't open this page") XXXXX
    BB BBBBBBBBBBBBBBBBBBBBB
      XX XXXXXXXXXXXXX gettext(u"Your account does not have access to it. If you think it should, ask your network's coordinator.") XXXX
    BBBB
      XX XXXXXXXXXXXXX gettext(u'You may need to log in first.') XXXX
    BBBBB
    XXXX XXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to the home page') XXXX
      BB BBB BBBBBBBBBBBBBBBBBBBBB
        XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'Log in') XXXX
      BBBBB
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
