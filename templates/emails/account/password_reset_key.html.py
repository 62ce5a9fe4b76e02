BBBB BBBBXXX gettext(u'Hello,') XXXX
XXXBB BBBBBBB gettext(u'Someone asked to reset the password of your account on the %(network)s portal.') SSSSSSS SSSSS SS SSSSS SSS SSSSSSSS SS SSSS SSSSSSS SS SSS SSSSSSSSSSS SSSSSSSBBBB gettext(u'Someone asked to reset the password of your Partner for Protection account.') SSSSSSS SSSSS SS SSSSS SSS SSSSSSSS SS SSSS SSSSSSS SSS SSSSSSSSSS SSSSSSSSBBBBBXXXX
 gettext(u'Choose a new password') BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB
XXX gettext(u'If it was not you, ignore this email: your password stays as it is.') XXXX
