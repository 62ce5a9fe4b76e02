BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Take the pledge')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Take the pledge') XXXX
      XXXX gettext(u'This account cannot sign for a store') XXXXX
      XXX gettext(u"Your account already has a role in this network: %(role)s. A store's pledge is taken with the account of the store's owner. If you also own a store, log out and sign up with the store's own email address.") 
        SSSS SSSSSSS SSSSSSS SSS S SSSS SS SSSS SSSSSSSS SSSSSSSSS S SSSSSSS SSSSSS SS SSSSS
        SSSS SSS SSSSSSS SS SSS SSSSSSS SSSSSS SS SSS SSSS SSS S SSSSSS SSS SSS SSS SSSS SS SSSS
        SSS SSSSSSS SSS SSSSS SSSSSSSS
      XXXX
    XXXXXX
    XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Go to your dashboard') XXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
