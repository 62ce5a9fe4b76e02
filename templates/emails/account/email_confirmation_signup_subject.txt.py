BBBB BBBB gettext(u'Confirm your email address') 
