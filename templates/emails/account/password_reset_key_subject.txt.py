BBBB BBBB gettext(u'Reset your password') 
