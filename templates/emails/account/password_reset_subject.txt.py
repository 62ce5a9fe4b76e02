BBBB BBBB gettext(u'Your password was reset') 
