BBBB BBBB gettext(u'Your password was changed') 
