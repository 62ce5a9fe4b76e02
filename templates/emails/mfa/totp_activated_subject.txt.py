BBBB BBBB gettext(u'Authenticator app set up') 
