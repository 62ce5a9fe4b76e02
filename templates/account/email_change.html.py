BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Email address') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Email address') 
    BBBBBBBBBB
    BB BBB BBBBBBBBBBBBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBBB
    BBB BBBBBBBBBBBBBBB BB BBBBBBBBBB
    BBBBBBB BBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBB
        BBBB BBBB
            BBBBBBBBBB
            BB BBBBBBBBBBBBBBBBBBBB
                BBBBBBB BBBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                    BBBB BBBBB
                         gettext(u'Current email') X
                    BBBBBBB
                BBBBBBBBBB
            BBBBB
            BB BBBBBBBBBBBBBBBB
                BBBBBBB BBBBB BBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBB
                    BBBB BBBBB
                        BB BBB BBBBBBBBBBBBBBBBBBBB
                             gettext(u'Current email') X
                        BBBB
                             gettext(u'Changing to') X
                        BBBBB
                    BBBBBBB
                    BBBB BBBBBBBBB
                         gettext(u'Your email address is still pending verification.') SSSS SSSSS SSSSSSS SS SSSSS SSSSSSS SSSSSSSSSSSSS
                        BBBBBBB BBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB
                             gettext(u'Re-send verification') 
                        BBBBBBBBBB
                        BB BBBBBBBBBBBBBBBBBBBB
                            BBBBBBB BBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBB
                                 gettext(u'Cancel change') 
                            BBBBBBBBBB
                        BBBBB
                    BBBBBBB
                BBBBBBBBBB
            BBBBB
            BBBBBBB BBBBB BBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBB
                BBBB BBBBB
                     gettext(u'Change to') X
                BBBBBBB
            BBBBBBBBBB
        BBBBBBB
        BBBB BBBBBBB
            BBBBBBB BBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBB
                 gettext(u'Change email') 
            BBBBBBBBBB
        BBBBBBB
    BBBBBBBBBB
    BB BBBBBBBBBBBBBBBB
        XXXXX XXXXXXXXXXXXXXX XXXXX
              XXXXXXXXXXXXXXXXXX
              XXXXXXXXXXXXX
              XXXXXXXXBBB BBBBBBBBBBBBBBBXX
            BBBBBBBBBB
            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXX
        XXXXXXX
    BBBBB
BBBBBBBB BBBBBBB
