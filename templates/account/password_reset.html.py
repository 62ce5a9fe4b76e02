BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB BBBBBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Password reset') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Password reset') 
    BBBBBBBBBB
    BB BBBBBBBBBBBBBBBBBBBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBBB
    BBBBBBB B
         gettext(u"Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it.") 
    BBBBBBBBBB
    BBB BBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBB
    BBBBBBB BBBB BBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBB
        BBBB BBBB
            BBBBBBBBBB
            BBBBBBB BBBBBB BBBBBBBBB
            BBBBBBBBBB
            
        BBBBBBB
        BBBB BBBBBBB
            BBBBBBB BBBBBB BBBBBBBBBBBBB
                 gettext(u'Reset my password') 
            BBBBBBBBBB
        BBBBBBB
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'Please contact us if you have any trouble resetting your password.') SSSSSS SSSSSSS SS SS SSS SSSS SSS SSSSSSS SSSSSSSSS SSSS SSSSSSSSS
    BBBBBBBBBB
BBBBBBBB BBBBBBB
