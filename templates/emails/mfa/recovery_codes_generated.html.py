BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBB gettext(u'New recovery codes were made for your account; the old ones no longer work.') BBBBBBBB BBBBBB
