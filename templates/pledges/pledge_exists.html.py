BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB gettext(u'This store has already pledged')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Take the pledge') XXXX
      XXXX gettext(u'This store has already taken the pledge') XXXXX
    XXXXXX
    BB BBBBBB
      XXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX
      XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXXXXXXXX
          XXXX gettext(u'City') XXXXX
          XXXXXXXXXXXXXXXXXXXX
          XXXX gettext(u'Status') XXXXX
          XXXXBBBBBBB BBBBBBBBBBBBBBBBBBBBBBXXXXX
          XXXX gettext(u'Verification code') XXXXX
          XXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXXX
      XXXXXXXXXX
    BBBB
      XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Already pledged: ask its owner') XXXXX
        XXX gettext(u"A store with this name and address has already taken the pledge in this network. If you work there, ask its owner to invite you to the store's team: you will then see its pledge and add your own acknowledgement.") XXXX
        XXX gettext(u"If you are its owner and cannot get in, write to the network's coordinator.") XXXX
      XXXXXXXXXX
    BBBBB

    XX XXXXXXXXXXXXXX XXXXXXX gettext(u"Nothing was saved from the form you just sent: a store has one pledge only. If the details were wrong, the network's coordinator can help.") XXXX
    XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to %(name)s') SSSS SS SSSSSSSSXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
