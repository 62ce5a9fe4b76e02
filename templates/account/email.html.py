BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBBBB BBBBBBB BBBB
BBBBB BBBBBBBBBB
     gettext(u'Email addresses') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Email addresses') 
    BBBBBBBBBB
    BB BBBBBBBBBBBBBB
        BBBBBBB B
             gettext(u'The following email addresses are associated with your account:') 
        BBBBBBBBBB
        BBB BBBBBBBBBBBBBBB BB BBBBBBBBB
        BBBBBBB BBBB BBBBBBBBB BBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBB
            BBBB BBBB
                BBBBBBBBBB
                BBB BBBBB BB BBBBBBBBBBBBBBBBBBB
                    BBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                        BBBBBBB BBBBB BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB
                            BBBB BBBBB
                                
                                BB BBBBBBBBBBBBBBBBBBBBB
                                    BBBBBBB BBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                                         gettext(u'Verified') 
                                    BBBBBBBBBB
                                BBBB
                                    BBBBBBB BBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                                         gettext(u'Unverified') 
                                    BBBBBBBBBB
                                BBBBB
                                BB BBBBBBBBBBBBBBBBBBBB
                                    BBBBBBB BBBBB BBBBBBBBBBBBBBBBBBBB
                                         gettext(u'Primary') 
                                    BBBBBBBBBB
                                BBBBB
                            BBBBBBB
                        BBBBBBBBBB
                    BBBBBBB
                BBBBBB
            BBBBBBB
            BBBB BBBBBBB
                BBBBBBB BBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB
                     gettext(u'Make primary') 
                BBBBBBBBBB
                BBBBBBB BBBBBB BBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBBB
                     gettext(u'Re-send verification') 
                BBBBBBBBBB
                BBBBBBB BBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBB
                     gettext(u'Remove') 
                BBBBBBBBBB
            BBBBBBB
        BBBBBBBBBB
    BBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBBB
    BB BBBBBBBBBBBBB
        BBBBBBB BB
             gettext(u'Add email address') 
        BBBBBBBBBB
        BBB BBBBBBBBBBBBBBB BB BBBBBBBBBB
        BBBBBBB BBBB BBBBBBBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBB
            BBBB BBBB
                BBBBBBBBBB
                BBBBBBB BBBBBB BBBBBBBBB
                BBBBBBBBBB
            BBBBBBB
            BBBB BBBBBBB
                BBBBBBB BBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBB
                     gettext(u'Add email') 
                BBBBBBBBBB
            BBBBBBB
        BBBBBBBBBB
    BBBBB
BBBBBBBB BBBBBBB
BBBBB BBBBBBBBBB
    XXXXXXX XXXXXBBBBBB BBBBBBBBBBBBBBBBBBBBBBBXXXXXXXXXXX
    XXXXXXX XXXXXBBBBBB BBBBBBBBBBBBBBBBBBBBBBXXXXXXXXXXX
    XXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXXXXX XXXXXXXXXXXXXXXXX X gettext(u'Do you really want to remove the selected email address?') XX
X
    XXXXXXXXX
BBBBBBBB BBBBBBBBBB
