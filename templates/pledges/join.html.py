BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Invitation')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXXXXXXXXX
      BB BBBBBBBBBBBBBBBB
        XXXX gettext(u'Join the team of <bdi>%(store)s</bdi>') SSSS SSS SSSS SS SSSSSSSSSSSSSSSSSSSSXXXXX
      BBBB BBBBBBBBBB
        XXXX gettext(u'Join the network as %(role)s') SSSS SSS SSSSSSS SS SSSSSSSSXXXXX
      BBBB
        XXXX gettext(u'Invitation') XXXXX
      BBBBB
    XXXXXX

    BB BBBBB
      XXXX XXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
    BBBBB

    BB BBBBBBBBBB
      XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Your invitation') XXXXX
        BB BBBBBBBBBBBBBBBB
          XXX gettext(u'<bdi>%(store)s</bdi> has taken the Partner for Protection pledge in the %(network)s. Once you join its team, you read the pledge your store signed and add your own acknowledgement.') 
            SSSSSSSSSSSSSSSSSSSS SSS SSSSS SSS SSSSSSS SSS SSSSSSSSSS SSSSSS SS SSS SSSSSSSSSSSS
            SSSS SSS SSSS SSS SSSSS SSS SSSS SSS SSSSSS SSSS SSSSS SSSSSS SSS SSS SSSS SSS
            SSSSSSSSSSSSSSSS
          XXXX
        BBBBB
        XXX XXXXXXXXXXXXXXXXXXXXXXXX
          BB BBBBBBB
            XXXX gettext(u'Invited by') XXXXX
            XXXXXXXXXXXXXXX XXXXXXX
          BBBBB
          XXXX gettext(u'Sent to') XXXXX
          XXXXXXXXX
          XXXX gettext(u'Valid until') XXXXX
          XXXXFFFFFFFFFFFFFFFFFFFFFFXXXXX
        XXXXX

        BB BBB BBBBBBBBBBBBBBBBBBBBB
          XXX gettext(u'Create an account with <strong>%(email)s</strong>, or log in if you already have one with that address. You come back here to accept.') 
            SSSSSS SS SSSSSSS SSSS SSSSSSSSSSSSSSSSSSSSSSSSSSS SS SSS SS SS SSS SSSSSSS SSSS SSS
            SSSS SSSS SSSSSSSS SSS SSSS SSSS SSSS SS SSSSSSS
          XXXX
          BBB BBBBBBBBBBBBBBBB BB BBBBBBBBBBBBB BBBBBBBBBBBBBBB BB BBBBBBBBB
          XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
            XX XXXXXXXXXXX XXXXXXXXXXXXFFFFFFFFFXX gettext(u'Create an account') XXXX
            XX XXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXFFFFFFFFFXX gettext(u'Log in') XXXX
          XXXXXX
        BBBB BBB BBBBBBBBBBBBB
          XXX gettext(u'You are signed in as %(current)s, but this invitation was sent to <strong>%(email)s</strong>. Log out, then log in or sign up with that address.') 
            SSS SSS SSSSSS SS SS SSSSSSSSSSSS SSS SSSS SSSSSSSSSS SSS SSSS SS
            SSSSSSSSSSSSSSSSSSSSSSSSSSS SSS SSSS SSSS SSS SS SS SSSS SS SSSS SSSS SSSSSSSS
          XXXX
          XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBXX
            BBBBBBBBBB
            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Log out') XXXXXXXXX
          XXXXXXX
        BBBB BBBBBBBBB
          XXXX gettext(u'First, set up an authenticator app') XXXXX
          XXX gettext(u"The %(role)s role sees other people's contact details and reports, so your account needs a second step at every login: a code from an authenticator app on your phone. Your role starts once the app is set up.") 
            SSS SSSSSSSS SSSS SSSS SSSSS SSSSSSSS SSSSSSS SSSSSSS SSS SSSSSSSS SS SSSS
            SSSSSSS SSSSS S SSSSSS SSSS SS SSSSS SSSSSS S SSSS SSSS SS SSSSSSSSSSSSS SSS SS
            SSSS SSSSSS SSSS SSSS SSSSSS SSSS SSS SSS SS SSS SSS
          XXXX
          XXX XXXXXXXXXXXXXX
            XXXX gettext(u'Set up the app: scan the code it shows, type the six digits, keep your recovery codes.') XXXXX
            XXXX gettext(u'Open the link in your invitation email again and accept.') XXXXX
          XXXXX
          XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
            XX XXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBXX gettext(u'Set up an authenticator app') XXXX
          XXXXXX
        BBBB
          XXXXX XXXXXXXXXXXXX XXXXXXXXXX
            BBBBBBBBBB
            XXXX XXXXXXXXXXXXXXXXXXXXX
              XXXXXXX XXXXXXXXXXXXXX gettext(u'Accept the invitation') XXXXXXXXX
            XXXXXX
          XXXXXXX
        BBBBB
      XXXXXXXXXX
    BBBB
      XXX gettext(u'Ask the person who invited you to send a new invitation.') XXXX
    BBBBB
  XXXXXX
BBBBBBBB BBBBBBB
