BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Account inactive') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Account inactive') 
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'This account is inactive.') 
    BBBBBBBBBB
BBBBBBBB BBBBBBB
