BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Recovery codes') 
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'You are about to generate a new set of recovery codes for your account.') SSS SSS SSSSS SS SSSSSSSS S SSS SSS SS SSSSSSSS SSSSS SSS SSSS SSSSSSSS
        BB BBBBBBBBBBBBBBBBB
             gettext(u'This action will invalidate your existing codes.') SSSS SSSSSS SSSS SSSSSSSSSS SSSS SSSSSSSS SSSSSS
        BBBBB
         gettext(u'Are you sure?') SSS SSS SSSSS
    BBBBBBBBBB
    BBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBB
    BBBBBBB BBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB
        BBBB BBBB
            BBBBBBBBBB
            
        BBBBBBB
        BBBB BBBBBBB
            BBBBBB BBBB
                BB BBBBBBBBBBBBBBBBB
                    XXXXXX
                BBBB
                BBBBB
            BBBBBBBBB
            BBBBBBB BBBBBB BBBBBBBBBBBBB BBBBBBBBB
                 gettext(u'Generate') 
            BBBBBBBBBB
        BBBBBBB
    BBBBBBBBBB
BBBBBBBB BBBBBBB
