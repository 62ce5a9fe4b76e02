BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Request received')  X  gettext(u'Partner for Protection') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Start a network') XXXX
      XXXX gettext(u'Thank you: your request has reached us') XXXXX
      XX XXXXXXXXXXXXX gettext(u'The platform team will look at it and write to you at the email address you gave. If we approve it, a second email invites you to coordinate your new network.') 
        SSS SSSSSSSS SSSS SSSS SSSS SS SS SSS SSSSS SS SSS SS SSS SSSSS SSSSSSS SSS SSSSS
        SS SS SSSSSSS SSS S SSSSSS SSSSS SSSSSSS SSS SS SSSSSSSSSS SSSS SSS SSSSSSSS
      XXXX
    XXXXXX
    XXXX XXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXXX gettext(u'While you wait') XXXXX
      XXXX
        XXXX gettext(u'Talk to the jewelers near you about joining.') XXXXX
        XXXX gettext(u'Find out who at your local police would be the contact for the network.') XXXXX
        XXXX gettext(u'Read the three crimes jewelers face most often, and what to do before, during and after.') XXXXX
      XXXXX
      XXXX XXXXXXXXXXXXXXXXXXX
        XX XXXXXXXXXXX XXXXXXBBB BBBBBBXXXXXXXXX gettext(u'Read about the three crimes') XXXX
        XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Back to the networks') XXXX
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
