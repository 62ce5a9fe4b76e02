BBBB BBBB gettext(u'Your email address is confirmed') 
