BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Sign up closed') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Sign up closed') 
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'We are sorry, but the sign up is currently closed.') 
    BBBBBBBBBB
BBBBBBBB BBBBBBB
