BBBB BBBB gettext(u'New recovery codes for your account') 
