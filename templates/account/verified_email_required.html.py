BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBB
 #

BBBB BBBB
BBBB BBBBBBB
BBBBB BBBBBBBBBB
     gettext(u'Verify your email address') 
BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
    BBBBBBB BB
         gettext(u'Verify your email address') 
    BBBBBBBBBB
    BBB BBBBBBBBBBBBBBB BB BBBBBBBBB
    BBBBBBB B
         gettext(u'This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. ') SSSS SSSS SS SSS SSSS SSSSSSSS SS SS SSSSSS SSSS
SSS SSS SSS SSS SSSSS SS SSS SSS SSSS SSSSSSSS SS SSSSSSS SSSS SSS
SSSSSS SSSSSSSSS SS SSSS SSSSS SSSSSSSS 
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes.') SS SSSS SSSS SS SSSSS SS SSS SSS
SSSSSSSSSSSSS SSSSSS SSSSS SS SSS SSSS SSSSSS SSSS SSSSSS SS SSS SS SSS SSS SSS SSSSSSSSSSSS SSSSS SS SSSS SSSS SSSSSS SSSSS SSSS SSSS SSSSSSS SSSSSSSSS
SSSSSSS SS SS SSS SS SSS SSSSSSS SS SSSSSS S SSS SSSSSSSS
    BBBBBBBBBB
    BBBBBBB B
         gettext(u'<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.') SSSSSSSSSSSSSSSSSSSSSS SSS SSS SSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSS SSSS SSSSS SSSSSSSSSSSS
    BBBBBBBBBB
BBBBBBBB BBBBBBB
