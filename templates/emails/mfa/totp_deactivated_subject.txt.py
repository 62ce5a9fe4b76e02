BBBB BBBB gettext(u'Authenticator app removed') 
