BBBB BBBB gettext(u'Security key added') 
