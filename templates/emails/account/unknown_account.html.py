BBBB BBBBXXX gettext(u'Hello,') XXXX
XXX gettext(u'Someone asked to reset the password of an account with the address %(email)s, but there is no account with this address on the Partner for Protection portal.') SSSSSSS SSSSS SS SSSSS SSS SSSSSSSS SS SS SSSSSSS SSSS SSS SSSSSSS SSSSSSSSSS SSS SSSSS SS SS SSSSSSS SSSS SSSS SSSSSSS SS SSS SSSSSSS SSS SSSSSSSSSS SSSSSSSXXXX
XXX gettext(u'If it was you, you may have signed up with another address, or you can sign up now:') XXXX
 gettext(u'Sign up') BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBB BBBBBBBBBBB
XXX gettext(u'If it was not you, ignore this email.') XXXX
