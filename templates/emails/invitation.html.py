BBBB BBBBXXX gettext(u'Hello,') XXXX
BB BBBBBBBBBBBBBBBBXXXBB BBBBBBBBBBBBB gettext(u'%(who)s (%(email)s) says they are from the store "%(store)s" and invites you to join its team in the %(network)s.') SSSSSSS SSSSSSSSSSS SSSS SSSS SSS SSSS SSS SSSSS SSSSSSSSSSS SSS SSSSSSS SSS SS SSSS SSS SSSS SS SSS SSSSSSSSSSSSBBBB gettext(u'You are invited to join the team of the store "%(store)s" in the %(network)s.') SSS SSS SSSSSSS SS SSSS SSS SSSS SS SSS SSSSS SSSSSSSSSSS SS SSS SSSSSSSSSSSSBBBBBXXXX
XXX gettext(u'Once you accept, you can read the pledge the store signed and add your own acknowledgement.') XXXX
XXX gettext(u"The store's name is what the sender entered, not something the portal vouches for. If you do not know the sender, ignore this email.") XXXXBBBBXXX gettext(u'You are invited to the %(network)s as %(role)s.') SSS SSS SSSSSSS SS SSS SSSSSSSSSSS SS SSSSSSSSSXXXXBBBBB
 gettext(u'Accept the invitation') BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBB BBBBBBBBBBB
XXX gettext(u'The link works once and expires on %(date)s. If you did not expect it, you can ignore this email.') SSS SSSS SSSSS SSSS SSS SSSSSSS SS SSSSSSSSS SS SSS SSS SSS SSSSSS SSS SSS SSS SSSSSS SSSS SSSSSSXXXX
