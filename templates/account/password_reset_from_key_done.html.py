BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Change password') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Change password') 
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'Your password is now changed.') 
    BBBBBBBBBB
BBBBBBBB BBBBBBB
