BBBB BBBB gettext(u'A password was set for your account') 
