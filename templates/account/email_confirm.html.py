BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Confirm email address') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Confirm email address') 
    BBBBBBBBBB
    BB BBBBBBBBBBBB
        BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBB
        BB BBBBBBBBBBB
            BBBBBBB B
                 gettext(u'Confirm that <strong>%(email)s</strong> is your email address.') SSSSSSS SSSS SSSSSSSSSSSSSSSSSSSSSSSSSS SS SSSS SSSSS SSSSSSSS
            BBBBBBBBBB
            BBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBB BB BBBBBBBBBB
            BBBBBBB BBBB BBBBBBBBBBBBB BBBBBBBBBBBBBBBBB
                BBBB BBBBBBB
                    BBBBBBBBBB
                    
                    BBBBBBB BBBBBB BBBBBBBBBBBBB
                         gettext(u'Confirm') 
                    BBBBBBBBBB
                BBBBBBB
            BBBBBBBBBB
        BBBB
            BBBBBBB B
                 gettext(u'Unable to confirm %(email)s because it is already confirmed by a different account.') SSSSSS SS SSSSSSS SSSSSSSSS SSSSSSS SS SS SSSSSSS SSSSSSSSS SS S SSSSSSSSS SSSSSSSS
            BBBBBBBBBB
        BBBBB
    BBBB
        BBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBB
        BBBBBBB B
             gettext(u'This confirmation link has expired or was already used. <a href="%(resend_url)s">Have a new link sent</a>.') SSSS SSSSSSSSSSSS SSSS SSS SSSSSSS SS SSS SSSSSSS SSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSS S SSS SSSS SSSSSSSSS
        BBBBBBBBBB
    BBBBB
BBBBBBBB BBBBBBB
