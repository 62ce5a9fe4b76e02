BBBB BBBBXXX gettext(u'Hello,') XXXX
XXX gettext(u'Someone tried to sign up with the address %(email)s, but an account with this address already exists on the Partner for Protection portal.') SSSSSSS SSSSS SS SSSS SS SSSS SSS SSSSSSS SSSSSSSSSS SSS SS SSSSSSS SSSS SSSS SSSSSSS SSSSSSS SSSSSS SS SSS SSSSSSS SSS SSSSSSSSSS SSSSSSSXXXX
XXX gettext(u'If it was you and you have forgotten your password, choose a new one:') XXXX
 gettext(u'Choose a new password') BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB
XXX gettext(u'If it was not you, ignore this email: your account is unchanged.') XXXX
