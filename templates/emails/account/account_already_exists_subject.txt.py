BBBB BBBB gettext(u'You already have an account') 
