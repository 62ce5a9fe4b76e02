BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Confirm your email address')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Take the pledge') XXXX
      XXXX gettext(u'First, confirm your email address') XXXXX
      XXX gettext(u"We sent a link to <strong>%(email)s</strong>. Open it, then come back to this page to take the pledge. A pledge starts only once its signer's address is confirmed.") 
        SS SSSS S SSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSS SSSS SSS SSSS SSSS SSSS SS SSSS SSSS SS
        SSSS SSS SSSSSSS S SSSSSS SSSSSS SSSS SSSS SSS SSSSSSSS SSSSSSS SS SSSSSSSSSS
      XXXX
    XXXXXX
    XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'Send the link again') XXXX
      XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXX gettext(u'I have confirmed it') XXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
