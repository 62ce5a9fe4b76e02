BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBB

BBBBB BBBBB X BBBBBBBB BBBBB

BBBBB BBBBBBB
  BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXX gettext(u'Your store') XXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXXXXXXXXXXXXXXXXXX
      BBBBBBB BBBBBBBBBBBBBBBBBBBBBB
    XXXXXX
  XXXXXX

  
  BB BBBBBBBBBBBBB BB BBBBBBBBB BBB BBBBBBBBB BB BBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Next step: confirm the email address') XXXXXXXXX
      BB BBBBBBBB gettext(u'Your pledge starts once you open the link we emailed you.')  XX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'Send the link again') XXXXBBBB gettext(u'The pledge starts once the owner confirms their email address.') BBBBBXXXX
    XXXXXX
  BBBB BBBBBBBBBBBBB BB BBBBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u"Waiting for the coordinator's approval") XXXXXXXXX
       gettext(u"The network's coordinator reviews every new pledge. We will email the owner as soon as it is approved.") XXXX
    XXXXXX
  BBBB BBBBBBBBBBBBB BB BBBBBBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'The pledge is suspended') XXXXXXXXX
      BB BBBBBBBBBBBBBBBBBBBB gettext(u"The coordinator's reason: %(reason)s") SSS SSSSSSSSSSSSS SSSSSSS SSSSSSSSSSBBBBB
       gettext(u"Talk to the network's coordinator to have it reinstated.") XXXX
    XXXXXX
  BBBB BBBBBBBBBBBBB BB BBBBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXBB BBBBBBBBBBBBBBBBBB BB BBBBBBBBBB gettext(u"The network's coordinator declined the pledge") BBBB gettext(u'The pledge was revoked') BBBBBXXXXXXXXX
      BB BBBBBBBBBBBBBBBBBBBB gettext(u"The coordinator's reason: %(reason)s") SSS SSSSSSSSSSSSS SSSSSSS SSSSSSSSSSBBBBBXXXX
    XXXXXX
  BBBBB
  BB BBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'The pledge text has changed') XXXXXXXXX
      BB BBBBBBBB
         gettext(u'Your store signed version %(number)s. Read the new text and sign it again to stay up to date.') SSSS SSSSS SSSSSS SSSSSSS SSSSSSSSSSS SSSS SSS SSS SSSS SSS SSSS SS SSSSS SS SSSS SS SS SSSSS
        XX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Read and re-affirm the pledge') XXXX
      BBBB
         gettext(u"Your store's owner has been asked to sign the new text.") 
      BBBBBXXXX
    XXXXXX
  BBBBB
  BB BBB BBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBB BBB BBB BBBBBBBBBBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXX
      XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Next step: acknowledge the pledge') XXXXXXXXX
       gettext(u'Read what your store committed to below, then add your own acknowledgement.') XXXX
    XXXXXX
  BBBBB

  XXXX XXXXXXXXXXX XXXXXXXX
    XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u"Your store's pledge") XXXXX
      BB BBBBBBBBBBXXXXXXX XXXXXBBB BBBBBBBBBBBBX XXXXX gettext(u'Logo of %(name)s') SSSS SS SSSSSSSSX XXXXXXXXXXXXXXXBBBBB
      XXX XXXXXXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Status') XXXXX
        XXXXBBBBBBB BBBBBBBBBBBBBBBBBBBBBBXXXXX
        XXXX gettext(u'Verification code') XXXXX
        XXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Verification link') XXXXX
        XXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX
        XXXX gettext(u'Signed') XXXXX
        XXXX gettext(u'By <bdi>%(name)s</bdi> on %(date)s, version %(number)s of the pledge') 
          SS SSSSSSSSSSSSSSSSSSS SS SSSSSSSSS SSSSSSS SSSSSSSSSS SS SSS SSSSSS
        XXXXX
        BB BBBBBBBBBBBBBBBBBBB
          XXXX gettext(u'Partner since') XXXXX
          XXXXFFFFFFFFFFFFFFFFFFXXXXX
        BBBBB
      XXXXX
      BB BBBBBBBBBBBBB BB BBBBBBBB
        XXX XXXXXXXXXXXXXXXXXXXX
          XXXXXX XXXXXXBBB BBBBBBBBBBBBBBXX
            XXXXXX gettext(u'Partner toolkit') 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Your code and link to show customers') XXXXXXXXXXXXXX
          XXXXXXXXX
        XXXXX
      BBBBB
    XXXXXXXXXX

    XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'What your store committed to') XXXXX
      XXXXXXX
      XXXX
        BBB BBBB BB BBBBBBBBBBBXXXXXXXXXBBBBBB
      XXXXX
      BB BBB BBBBBBBB
        BB BBBBBBBBBBBBBBB BBB BBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBBB
          XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Acknowledged') XXXXXXX
           gettext(u'You acknowledged this pledge on %(date)s.') SSS SSSSSSSSSSSS SSSS SSSSSS SS SSSSSSSSSXXXX
        BBBB BBBBBBBBBBBBB BB BBBBBBBB
          BB BBBBBBBBBBBBBBBXX XXXXXXXXXXXXXX gettext(u'You acknowledged an earlier version of the pledge. Please acknowledge the current one.') XXXXBBBBB
          XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBXX
            BBBBBBBBBB
            XXXX XXXXXXXXXXXXXXXXXXXXX
              XXXXXXX XXXXXXXXXXXXXX gettext(u'I have read the pledge and commit to it') XXXXXXXXX
            XXXXXX
          XXXXXXX
        BBBB
          XX XXXXXXXXXXXXXX gettext(u'You can acknowledge the pledge once it is active.') XXXX
        BBBBB
      BBBBB
    XXXXXXXXXX
  XXXXXX

  BB BBBBBBBB
    XXXXXXXX XXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Your team') XXXXX
      BB BBBB
        XXX XXXXXXXXXXXXXXXXXXXX
          BBB BBBBBB BB BBBB
            XXXX
              XXXXX XXXXXXXXXXXXXXX
                XXXXX XXXXXXXXXXXXXXXXXXXXXXXXFFFFFFFFFFFFFFFFFFFFFFFFFXXXXXXXXXXXXX
                XXXXX XXXXXXXXXXXXXXXXX X  gettext(u'joined %(date)s') SSSSSS SSSSSSSSXXXXXXX
              XXXXXXX
              BB BBBBBBBBBBBBBBBBBBBBBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Acknowledged') XXXXXXX
              BBBB BBBBBBBBBBBBBBBBBBBBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Acknowledged an earlier version') XXXXXXX
              BBBB
                XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Not acknowledged yet') XXXXXXX
              BBBBB
              XXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBXX
                BBBBBBBBBB
                XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Remove') XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Remove %(name)s from the team') SSSSSS SSSSSSSS SSSS SSS SSSSXXXXXXXXXXXXXXXX
              XXXXXXX
            XXXXX
          BBBBBB
        XXXXX
      BBBB
        XX XXXXXXXXXXXXXX gettext(u'Nobody has joined your team yet. Invite the people who work at your store: each one reads the pledge and acknowledges it.') XXXX
      BBBBB

      BB BBBBBBBBBBB
        XXX XXXXXXXXXXXXXXXX gettext(u'Invitations not yet accepted') XXXXX
        XXX XXXXXXXXXXXXXXXXXXXX
          BBB BBBBBBBBBB BB BBBBBBBBBBB
            XXXX
              XXXXX XXXXXXXXXXXXXXX
                XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
                XXXXX XXXXXXXXXXXXXXXXX gettext(u'Sent %(sent)s, expires %(expires)s') SSSS SSSSSSSSS SSSSSSS SSSSSSSSSSSXXXXXXX
              XXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBXX
                BBBBBBBBBB
                XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Withdraw') XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Withdraw the invitation to %(email)s') SSSSSSSS SSS SSSSSSSSSS SS SSSSSSSSSXXXXXXXXXXXXXXXX
              XXXXXXX
            XXXXX
          BBBBBB
        XXXXX
      BBBBB

      BB BBBBBBBBBBBBB BB BBBBBBBB
        XX XXXXXXXXXXXX XXXXXXXXX gettext(u'Once your pledge is active, you can invite the people who work at your store from here.') XXXX
      BBBB
        XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBX XXXXXXXXXX XXXXXXXXXXXXXXXX
          BBBBBBBBBB
          XXXX gettext(u'Invite someone to your team') XXXXX
          BBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
          BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBBBBBBB
          XX XXXXXXXXXXXXXXXXX gettext(u'We email them a link that works once, within 7 days.') XXXX
          XXXX XXXXXXXXXXXXXXXXXXXXX
            XXXXXXX XXXXXXXXXXXXXX gettext(u'Send the invitation') XXXXXXXXX
          XXXXXX
        XXXXXXX
      BBBBB
    XXXXXXXXXX

    XXXX XXXXXXXXXXX XXXXXX XXXXXXXXX
      XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Public wall of partners') XXXXX
        BB BBBBBBBBBBBBBBBBBBBBBB
          XXX gettext(u"Your store's name and city are shown on the public wall of partners while the pledge is active.") XXXX
        BBBB
          XXX gettext(u'Your store is not shown on the public wall. Anyone can still check your verification code.') XXXX
        BBBBB
        XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBXX
          BBBBBBBBBB
          BB BBBBBBBBBBBBBBBBBBBBBB
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Hide our store from the wall') XXXXXXXXX
          BBBB
            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXX
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Show our store on the wall') XXXXXXXXX
          BBBBB
        XXXXXXX
      XXXXXXXXXX

      BB BBBBBBBBBBBBB BB BBBBBBBBB
        XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Leaving the network') XXXXX
          XXX gettext(u"You can withdraw your store's pledge at any time. Incidents already shared stay with the network.") XXXX
          XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Withdraw our pledge') XXXX
        XXXXXXXXXX
      BBBBB
    XXXXXX
  BBBBB
BBBBBBBB BBBBBBB
