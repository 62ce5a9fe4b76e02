BBBB BBBBXXX gettext(u'Hello,') XXXX
XXXBBBBB BBBBBBBBBBBBBB BBBBBBXXXX
XXX gettext(u'If you did not make this change, choose a new password at once and tell us:') XXXX
 gettext(u'Choose a new password') BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB
XXX gettext(u'The change came from:') XXXX
XXXX
XXXX gettext(u'IP address:')  XXXXX
XXXX gettext(u'Browser:')  XXXXX
XXXX gettext(u'Date:')  FFFFFFFFFFFFFFFFFFFFFF XFFFFFFFFXXXXXX
XXXXX
