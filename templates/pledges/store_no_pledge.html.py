BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Your store') XXXX
      XXXXXXXXXXXXXXXXXXXX
    XXXXXX
    XXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u"Next step: your store's owner takes the pledge") XXXXXXXXX
       gettext(u'Your store has not taken the pledge yet. Once its owner has, you will find the pledge here, with a button to acknowledge it yourself.') XXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
