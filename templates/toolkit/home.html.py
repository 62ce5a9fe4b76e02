BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Partner toolkit')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXXXXXX
    XXXX gettext(u'Partner toolkit') XXXXX
    XXX gettext(u"Each store with an active pledge has its own toolkit: badge, social graphics, email banner and signs, drawn with its name, logo and verification code. Open a store's toolkit to preview or download it for them.") XXXX
  XXXXXX

  BB BBBBBBB
    XXXXXX XXXXXXXXXXXX XXXXXXXXXXXXX
      XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Stores with an active pledge') XXXXXXXXXX
      XXXXXXX
        XXXX
          XXX XXXXXXXXXXXX gettext(u'Store') XXXXX
          XXX XXXXXXXXXXXX gettext(u'Verification code') XXXXX
          XXX XXXXXXXXXXXX gettext(u'Partner since') XXXXX
        XXXXX
      XXXXXXXX
      XXXXXXX
        BBB BBBBBB BB BBBBBBB
          XXXX
            XXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Store') XX
              XX XXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBB BBBBBBBBBBBBBBBXXXXXXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXXXX
            XXX XXXXXXXXXXXX gettext(u'Verification code') XXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXX XXXXXXXXXXXX gettext(u'Partner since') XXFFFFFFFFFFFFFFFFFFFFFFFFXXXXX
          XXXXX
        BBBBBB
      XXXXXXXX
    XXXXXXXX
  BBBB
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'No store has an active pledge yet.') XXXX
      XXX gettext(u"A store's toolkit opens as soon as its pledge is active.") XXXX
    XXXXXX
  BBBBB
BBBBBBBB BBBBBBB
