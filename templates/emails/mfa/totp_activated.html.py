BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBB gettext(u'An authenticator app was set up for your account: from now on, signing in asks for its code.') BBBBBBBB BBBBBB
