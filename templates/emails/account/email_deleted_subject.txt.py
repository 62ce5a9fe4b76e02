BBBB BBBB gettext(u'An email address was removed from your account') 
