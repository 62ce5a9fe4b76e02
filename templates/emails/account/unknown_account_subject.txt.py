BBBB BBBB gettext(u'No account with this address') 
