BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB X  gettext(u'Partner for Protection') BBBBBBBB BBBBB
BBBBB BBBBBBBBBBXXXXXXXXXXBBBBBBBB BBBBBBBBBB

BBBBB BBBB
  XXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'Crime prevention network') BB BBBBBBBBBBBBBB X BBBBBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBXBBBB XBBBBB FFFFFFFFFFFFBBBBBXXXX
      XXX XXXXXXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXX gettext(u'Welcome. This is where the jewelers of our area and the police who serve it keep in touch: when one store sees something suspicious, the others hear about it within minutes.') 
        SSSSSSSS SSSS SS SSSSS SSS SSSSSSSS SS SSS SSSS SSS SSS SSSSSS SSS SSSSS SS SSSS SS SSSSSS
        SSSS SSS SSSSS SSSS SSSSSSSSS SSSSSSSSSSS SSS SSSSSS SSSS SSSSS SS SSSSSS SSSSSSSS
      XXXX

      XXXX XXXXXXXXXXXXX
        XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXXX XXXXXXXXXXXXXXXXXXX ngettext(u'member store', u'member stores', count) SSSSSS SSSSSPPPPPP PPPPPPXXXXXXX
      XXXXXX

      BB BBB BBBBBBBBBBBBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXXXXXXXX
          XX XXXXXXXXXX XXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'Log in') XXXX
          XX XXXXXXXXXX XXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Sign up') XXXX
        XXXXXX
      BBBB BBBBBBBBBB
        BBB BBBBBBBBBBB BB BBBBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXXXXXXXX
          XX XXXXXXXXXX XXXXXXXXXX XXXXXXXX gettext(u'Go to your dashboard') XXXX
        XXXXXX
      BBBB
        XX XXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u"You are signed in as %(email)s, but this account is not a member of this network yet. The network's coordinator adds stores and their people.") 
          SSS SSS SSSSSS SS SS SSSSSSSSSS SSS SSSS SSSSSSS SS SSS S SSSSSS SS SSSS SSSSSSS SSSS
          SSS SSSSSSSSS SSSSSSSSSSS SSSS SSSSSS SSS SSSSS SSSSSSS
        XXXX
      BBBBB
    XXXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXX gettext(u'How the network works') XXXXX
      XXXX XXXXXXXXXXX XXXXXXXX
        XXXX XXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXX gettext(u'Watch') XXXXX
          XXX gettext(u'Member stores stay alert to casing, odd questions and anything out of the ordinary, and note it down while it is fresh.') XXXX
        XXXXXX
        XXXX XXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXX gettext(u'Share') XXXXX
          XXX gettext(u'What one store sees reaches the other stores and local law enforcement quickly, so everyone can be on the lookout.') XXXX
        XXXXXX
        XXXX XXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXX gettext(u'Stay safe') XXXXX
          XXX gettext(u'Nobody is ever asked to confront anyone. Safety for staff and customers comes before any merchandise.') XXXX
        XXXXXX
      XXXXXX
      XX XXXXXXXXXXXXXXXXXX XXXXXXBBBBBBBBBBXX gettext(u'Learn more about the Partner for Protection movement') XXXXXXXX
    XXXXXX
  XXXXXXXXXX
BBBBBBBB BBBB
