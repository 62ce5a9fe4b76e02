BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Take the pledge')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXXXXXX
    XXXX gettext(u'Take the pledge') XXXXX
    XX XXXXXXXXXXXXX gettext(u'Join the jewelers of this network who watch out for one another. It is free, and it takes about ten minutes on your phone.') 
      SSSS SSS SSSSSSSS SS SSSS SSSSSSS SSS SSSSS SSS SSS SSS SSSSSSSS SS SS SSSSS SSS SS SSSSS
      SSSSS SSS SSSSSSS SS SSSS SSSSSS
    XXXX
  XXXXXX

  XXX XXXXXXXXXXXXXX
    XXXX
      XXX XXXXXXXXXXXXXXXXXXX gettext(u'Your account') XXXXX
      XXX gettext(u'Create an account with your email address, or log in if you already have one. We send you a link to confirm the address.') XXXX
    XXXXX
    XXXX
      XXX XXXXXXXXXXXXXXXXXXX gettext(u'Your store') XXXXX
      XXX gettext(u'Its legal and shown names, address, phone, website, number of staff and, if you like, its logo.') XXXX
    XXXXX
    XXXX
      XXX XXXXXXXXXXXXXXXXXXX gettext(u'The pledge') XXXXX
      XXX gettext(u"Read the commitments and tick each one, agree to the network's data terms, and sign by typing your full name.") XXXX
    XXXXX
  XXXXX

  BBB BBBBBBBBBBBBBBBB BB BBBBBBBBBBBBB BBBBBBBBBBBBBBB BB BBBBBBBBB
  XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXX XXXXXXXXXXXXFFFFFFFFFXX gettext(u'Create an account') XXXX
    XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXFFFFFFFFFXX gettext(u'Log in') XXXX
  XXXXXX

  XX XXXXXXXXXXXXXX XXXXXXX gettext(u'Working at a store that has already pledged? Its owner invites you by email; the link in that email is all you need.') XXXX
BBBBBBBB BBBBBBB
