BBBB BBBB gettext(u'Your email address was changed') 
