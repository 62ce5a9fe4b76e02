BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB gettext(u'Page not found')  X  gettext(u'Partner for Protection') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
    XXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Error 404') XXXXXXX
    XXXX gettext(u"We can't find that page") XXXXX
    XX XXXXXXXXXXXXX gettext(u'The address may be mistyped, the page may have moved, or it may belong to a network or store your account cannot see.') XXXX
    XXXX XXXXXXXXXXXXXXXXXXX
      BB BBBBBBB
        XX XXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to %(name)s') SSSS SS SSSSSSSSXXXX
      BBBB
        XX XXXXXXXXXXX XXXXXXBBBBBBBBBBXX gettext(u'Back to the home page') XXXX
      BBBBB
      BB BBB BBBBBBBBBBBBBBBBBBBBB
        XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'Log in') XXXX
      BBBBB
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
