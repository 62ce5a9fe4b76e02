BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBB gettext(u'The authenticator app of your account was removed: signing in no longer asks for its code.') BBBBBBBB BBBBBB
