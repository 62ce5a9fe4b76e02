BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Change password') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
        BB BBBBBBBBBB
             gettext(u'Bad token') 
        BBBB
             gettext(u'Change password') 
        BBBBB
    BBBBBBBBBB
    BB BBBBBBBBBB
        BBB BBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBB
        BBBBBBB B
             gettext(u'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.') SSS SSSSSSSS SSSSS SSSS SSS SSSSSSSS SSSSSSSS SSSSSSS SS SSS SSSSSSS SSSS SSSSS  SSSSSS SSSSSSS S SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS SSSSSSSS SSSSSSSSSS
        BBBBBBBBBB
    BBBB
        BBBBBBB BBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBB
            BBBB BBBB
                BBBBBBBBBB
                
                BBBBBBB BBBBBB BBBBBBBBB
                BBBBBBBBBB
            BBBBBBB
            BBBB BBBBBBB
                BBBBBBB BBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBB
                     gettext(u'Change password') 
                BBBBBBBBBB
                BBBBBBB BBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBB
                     gettext(u'Cancel') 
                BBBBBBBBBB
            BBBBBBB
        BBBBBBBBBB
    BBBBB
    BB BBB BBBBBBBBBB
        XXXXX XXXXXXXXXXXXXXXXXXXXXX
              XXXXXXXXXXXXX
              XXXXXXXXBBB BBBBBBBBBBBBBBBBXX
            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXBBB BBBBBBBBBBBBBBBXX
            BBBBBBBBBB
        XXXXXXX
    BBBBB
BBBBBBBB BBBBBBB
