BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB gettext(u'Partner for Protection · Jewelers keeping each other safe') BBBBBBBB BBBBB
BBBBB BBBBBBBBBBXXXXXXXXXXBBBBBBBB BBBBBBBBBB

BBBBB BBBB
  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXX gettext(u'A free movement for jewelers') XXXX
      XXX XXXXXXXXXXXXXXXX gettext(u'Stay vigilant. Share what you see. Keep each other safe.') XXXXX
      XX XXXXXXXXXXXXX gettext(u'Partner for Protection brings the jewelers of an area together with one another and with their local police. Partners pledge to watch for warning signs and, when something happens, to alert nearby stores and law enforcement within minutes. Joining costs nothing.') 
        SSSSSSS SSS SSSSSSSSSS SSSSSS SSS SSSSSSSS SS SS SSSS SSSSSSSS SSSS SSS SSSSSSS SSS SSSS
        SSSSS SSSSS SSSSSSS SSSSSSSS SSSSSS SS SSSSS SSS SSSSSSS SSSSS SSSS SSSS SSSSSSSSS
        SSSSSSSS SS SSSSS SSSSSS SSSSSS SSS SSS SSSSSSSSSSS SSSSSS SSSSSSSS SSSSSSS SSSSS SSSSSSSS
      XXXX
      XXXX XXXXXXXXXXXXXXXXXXXXX
        XX XXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'Find your network') XXXX
        XX XXXXXXXXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX gettext(u'How to join') XXXX
      XXXXXX
      XXX XXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Free for every jeweler') XXXXX
        XXXX gettext(u'Alerts shared within minutes') XXXXX
        XXXX gettext(u'Local police in the loop') XXXXX
      XXXXX
    XXXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXX gettext(u'Why it matters') XXXXX
        XXX gettext(u'Attacks on jewelry stores are becoming more frequent and more brazen. They are over in minutes, the losses run high, and the fear stays with staff, families and customers long after the glass is replaced. For any store, the question is less whether it will be targeted than when. No store can face that alone; together, stores can see it coming.') 
          SSSSSSS SS SSSSSSS SSSSSS SSS SSSSSSSS SSSS SSSSSSSS SSS SSSS SSSSSSS SSSS SSS SSSS SS
          SSSSSSSS SSS SSSSSS SSS SSSSS SSS SSS SSSS SSSSS SSSS SSSSSS SSSSSSSS SSS SSSSSSSSS SSSS
          SSSSS SSS SSSSS SS SSSSSSSSS SSS SSS SSSSSS SSS SSSSSSSS SS SSSS SSSSSSS SS SSSS SS
          SSSSSSSS SSSS SSSSS SS SSSSS SSS SSSS SSSS SSSSSS SSSSSSSSS SSSSSS SSS SSS SS SSSSSSS
        XXXX
      XXXXXX
      BB BBBBBBB
        XXX XXXXXXXXXXXX XXXXXXXXX
          BBB BBBBBB BB BBBBBBB
            XXX XXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
            XXXXX
          BBBBBB
        XXXXX
      BBBBB
      XX XXXXXXXXXXXXXXX gettext(u"Data: Jewelers' Security Alliance and Jewelers Mutual Group") XXXX
    XXXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX gettext(u'The three crimes jewelers face most often') XXXXX
        XXX gettext(u'Each one takes only a few minutes. Knowing how they unfold helps your team prevent them, stay safe while they happen, and help the police afterwards.') XXXX
      XXXXXX
      XXXX XXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX
        XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Safety comes first') XXXXXXXXX
         gettext(u'Never confront, chase or block a criminal. Merchandise can be replaced; people cannot.') XXXX
      XXXXXX
      BB BBBBBB
        XXXX XXXXXXXXXXX XXXXXXXX
          BBB BBBBB BB BBBBBB
            XXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
              XXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
              XX XXXXXXXXXXXXXXXXXXXXXXXXXXX
              XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
                XXXX gettext(u'Before: prevent it') XXXXX
                XXXXBBB BBBB BB BBBBBBBBBBBBXXXXXXXXXBBBBBBXXXXX
              XXXXXX
              XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
                XXXX gettext(u'During: stay safe') XXXXX
                XXXXBBB BBBB BB BBBBBBBBBBBBXXXXXXXXXBBBBBBXXXXX
              XXXXXX
              XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX
                XXXX gettext(u'After: report and share') XXXXX
                XXXXBBB BBBB BB BBBBBBBBBBBXXXXXXXXXBBBBBBXXXXX
              XXXXXX
            XXXXXXXXXX
          BBBBBB
        XXXXXX
      BBBBB
    XXXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXXXXXXX gettext(u'What a partner commits to') XXXXX
        XXX gettext(u'The pledge is short, and every promise in it is something a store can start on today.') XXXX
      XXXXXX
      XXX XXXXXXXXXXXXXXXXXXXX
        XXXX
          XXXX gettext(u'Raise awareness') XXXXX
          XXX gettext(u'Talk about crime prevention with your staff, your neighbors and the wider jewelry community.') XXXX
        XXXXX
        XXXX
          XXXX gettext(u'Put safety first') XXXXX
          XXX gettext(u'Make the safety of yourself, your staff and your customers the top priority, ahead of any merchandise.') XXXX
        XXXXX
        XXXX
          XXXX gettext(u'Log suspicious incidents') XXXXX
          XXX gettext(u'Write down anything out of the ordinary while it is fresh: someone casing the store, odd questions, the same car parked outside.') XXXX
        XXXXX
        XXXX
          XXXX gettext(u'Share what you see') XXXXX
          XXX gettext(u'Pass it on to the stores in your network and to law enforcement, within minutes when it matters.') XXXX
        XXXXX
        XXXX
          XXXX gettext(u'Train your staff') XXXXX
          XXX gettext(u'Make sure everyone knows what to watch for, what to do, and never to put themselves at risk.') XXXX
        XXXXX
      XXXXX
    XXXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXX gettext(u'How to join') XXXXX
        XXX gettext(u'Three steps, and no fee at any of them.') XXXX
      XXXXXX
      XXX XXXXXXXXXXXXXX
        XXXX
          XXXX gettext(u'Find your network') XXXXX
          XXX gettext(u'Choose the network for your area below. Its coordinator links member stores with each other and with the local police.') XXXX
        XXXXX
        XXXX
          XXXX gettext(u'Take the pledge') XXXXX
          XXX gettext(u'Commit, for yourself and your store, to the five promises above.') XXXX
        XXXXX
        XXXX
          XXXX gettext(u'Get the toolkit') XXXXX
          XXX gettext(u'Receive the partner badge, a graphic for social media and signage for your store.') XXXX
        XXXXX
      XXXXX
    XXXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXXXX gettext(u'Networks') XXXXX
        XXX gettext(u'Each network serves the jewelers and police of one area, on its own site.') XXXX
      XXXXXX
      XXXXX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Search networks by city or postal code') XXXXXXXX
      BB BBBBBBBB
        XXX XXXXXXXXXXXXXXXXXXXXX
          BBB B BB BBBBBBBB
            XXXX
              XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXX
                XX XXXXXXXXXXXXXXXXXXXXXXBB BBBBBBBBX BBBBBFFFFFFFFFFFFXXXX
                XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXBBBBBBBBBBB BX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Visit this network') XXXX
              XXXXXXXXXX
            XXXXX
          BBBBBB
        XXXXX
      BBBB
        XXXX XXXXXXXXXXXXXXXXXXXX
          XX XXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'No networks are open yet.') XXXX
          XXX gettext(u'The first networks are being set up. Please come back soon.') XXXX
        XXXXXX
      BBBBB
    XXXXXX
  XXXXXXXXXX

  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB

  XXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXX gettext(u'Reducing jewelry crime takes all of us') XXXXX
      XX XXXXXXXXXXXXX gettext(u'We are safer together. Join the jewelers who have already pledged to be partners.') XXXX
      XXXX XXXXXXXXXXXXXXXXXXXXX
        XX XXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'Find your network') XXXX
      XXXXXX
    XXXXXX
  XXXXXXXXXX
BBBBBBBB BBBB
