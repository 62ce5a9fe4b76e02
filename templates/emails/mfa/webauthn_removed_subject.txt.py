BBBB BBBB gettext(u'Security key removed') 
