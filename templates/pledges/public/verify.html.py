BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB gettext(u'Verify a partner')  X  gettext(u'Partner for Protection') BBBBBBBB BBBBB
BBBBB BBBBBBBBBBBBBBBB gettext(u'Check that a jewelry store is a Partner for Protection partner, with the code on its window sign.') BBBBBBBB BBBBBBBBBBBBBBBB
BBBBB BBBBBBBBBBBB BBBBBBBBBXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXBBBBBBBBBBBBB BBBBBBBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Partner for Protection') XXXX
      XXXX gettext(u'Verify a partner') XXXXX
      XXX gettext(u'Every partner store has a verification code on its window sign and its digital badge. Type it here to check that the store really is a partner, and that its pledge is in good standing.') XXXX
    XXXXXX

    BB BBBBBBBBB
      XXXXXXXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX
        BB BBB BBBBBBB
          XXXX XXXXXXXXXXXX XXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Not a partner') XXXXX
            XXX gettext(u'No Partner for Protection partner has the code <strong class="code-text">%(code)s</strong>. Check it for typing mistakes; if it is right, the store showing it is not a partner.') 
              SS SSSSSSS SSS SSSSSSSSSS SSSSSSS SSS SSS SSSS SSSSSSS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS
              SSSSS SS SSS SSSSSS SSSSSSSSS SS SS SS SSSSSS SSS SSSSS SSSSSSS SS SS SSS S SSSSSSSS
            XXXX
          XXXXXX
        BBBB
          XXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
            XX XXXXXXXXXXXXXXXX gettext(u'Code')  XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX
            XXX
              BB BBBBBB BB BBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Partner in good standing') XXXXXXX
              BBBB BBBBBB BB BBBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Not a partner yet') XXXXXXX
              BBBB BBBBBB BB BBBBBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Suspended') XXXXXXX
              BBBB BBBBBB BB BBBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Revoked') XXXXXXX
              BBBB BBBBBB BB BBBBBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Withdrawn') XXXXXXX
              BBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Network closed') XXXXXXX
              BBBBB
            XXXX
            XXX XXXXXXXXXXXXXXXXXXXXXXXX
              XXXX gettext(u'Store') XXXXX
              XXXXBB BBBBBBBBBBBBXXXXXXXXX XXXXXXXXXXXXXXBB BBBBBBBBBBBBBBX BBBBBBB BBBBBBBBBBBBBBBX FFFFFFFFFFFFBBBBBXXXXXXXBBBBBXXXXX
              XXXX gettext(u'Network') XXXXX
              XXXXXXXXX
              XXXX gettext(u'Partner since') XXXXX
              XXXXBB BBBBBBBBBBBBBBBBBBBBBFFFFFFFFFFFFFFFFFFBBBBXXXXX XXXXXXXXXXXXXX gettext(u'Not yet approved') XXXXXXXBBBBBXXXXX
              XXXX gettext(u'Status') XXXXX
              XXXX
                BB BBBBBB BB BBBBBBBB
                   gettext(u'This store has taken the pledge and keeps it: it is a partner.') 
                BBBB BBBBBB BB BBBBBBBBB
                   gettext(u'This store has signed the pledge, but its network has not approved it yet. It is not a partner yet.') 
                BBBB BBBBBB BB BBBBBBBBBBB
                   gettext(u"This store's pledge is suspended by its network. It is not a partner in good standing at the moment.") 
                BBBB BBBBBB BB BBBBBBBBB
                   gettext(u"This store's pledge was revoked by its network. It is no longer a partner.") 
                BBBB BBBBBB BB BBBBBBBBBBB
                   gettext(u'This store has withdrawn from the pledge. It is no longer a partner.') 
                BBBB
                   gettext(u"This store's network has closed. It is no longer a partner.") 
                BBBBB
              XXXXX
            XXXXX
          XXXXXXXXXX
        BBBBB
      XXXXXXXXXX
    BBBBB

    XXXXX XXXXXXXXXXXBB BBBBBBBBB XXXXXXXBBBBBX XXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXBB BBBBBBBBB gettext(u'Check another code') BBBB gettext(u'Check a code') BBBBBXXXXX
      BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBB
      XXXX XXXXXXXXXXXXXXXXXXXXX
        XXXXXXX XXXXXXXXXXXXXX gettext(u'Verify') XXXXXXXXX
      XXXXXX
    XXXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
