BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB gettext(u'Requests for new networks')  X  gettext(u'Platform')  X  gettext(u'Partner for Protection') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XX XXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBXX gettext(u'All networks') XXXX
  XXXX XXXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXX gettext(u'Platform admins') XXXX
    XXXX gettext(u'Requests for new networks') XXXXX
    XXX gettext(u'Jewelers ask for a network where none covers them. Approve a request to build the network and invite its organiser as coordinator, or decline it with a reason.') XXXX
  XXXXXX

  XXXX XXXXXXXXXXXXXXXXX XXXXX XXXXXXXXXXXX gettext(u'Requests by status') XX
    BBB BBB BB BBBB
      XX XXXXXXXXXXBB BBBBBBBBB BB BBBBBB XXXXXXXXXXXXXBBBBBX XXXXXXXXXXXXXXXBB BBBBBBBBB BB BBBBBB XXXXXXXXXXXXXXXXXXXBBBBBX XXXXXX
    BBBBBB
  XXXXXX

  BB BBBBBBBB
    XXXXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
      XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Requests for new networks') XXXXXXXXXX
      XXXXXXX
        XXXX
          XXX XXXXXXXXXXXX gettext(u'Network') XXXXX
          XXX XXXXXXXXXXXX gettext(u'Organiser') XXXXX
          XXX XXXXXXXXXXXX gettext(u'Area') XXXXX
          XXX XXXXXXXXXXX XXXXXXXXXXXX gettext(u'Stores expected') XXXXX
          XXX XXXXXXXXXXXX gettext(u'Received') XXXXX
          XXX XXXXXXXXXXXX gettext(u'Status') XXXXX
        XXXXX
      XXXXXXXX
      XXXXXXX
        BBB BBBB BB BBBBBBBB
          XXXX
            XXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Network') XX
              XX XXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXX
            XXXXX
            XXX XXXXXXXXXXXX gettext(u'Organiser') XX
              XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXXXX
            XXX XXXXXXXXXXXX gettext(u'Area') XXBB BBBBBBBBBBBX BBBBBFFFFFFFFFFFFXXXXX
            XXX XXXXXXXXXXX XXXXXXXXXXXX gettext(u'Stores expected') XXXXXXX
            XXX XXXXXXXXXXXX gettext(u'Received') XXFFFFFFFFFFFFFFFFFFFFFFFFXXXXX
            XXX XXXXXXXXXXXX gettext(u'Status') XXBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBXXXXX
          XXXXX
        BBBBBB
      XXXXXXXX
    XXXXXXXX
  BBBB
    XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXX
      XX XXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'No requests here.') XXXX
      XXX gettext(u"Requests sent from the public site's “Start a network” page appear here.") XXXX
    XXXXXX
  BBBBB
BBBBBBBB BBBBBBB
